"""cadre: command-line toolkit for reserve-cadre (后备干部) work."""

__version__ = "0.1.0"
