"""Tasks of a joint case, one bureau each: investigate, raid, test buy, seize…"""
