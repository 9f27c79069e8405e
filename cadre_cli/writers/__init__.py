"""Writing outputs: atomically, beside the input by default, never over the input."""
