"""The rights-holder directory (权利人联系名录, 004 §3.4): holders, trademarks, contacts."""
