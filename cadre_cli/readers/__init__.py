"""Reading the workbooks users keep: file guard, raw grids, header mapping, records."""
