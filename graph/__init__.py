"""The ground floor: the graph model as data and the store port with its backends."""
