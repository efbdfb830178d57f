"""Liaoning "One Circle, One Belt, Two Zones" action plan: data model, validation, exports and rendering."""
