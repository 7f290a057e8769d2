"""CrisisDesk: behavioral-health crisis response for 911 centers."""

__version__ = "0.1.0"
