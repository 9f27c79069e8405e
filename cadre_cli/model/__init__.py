"""People and their parsed values, each keeping the cell it came from."""
