"""Widgets, one module per screen, in the order of the flow."""
