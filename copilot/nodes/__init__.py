"""The nodes of the copilot graph, one module each, named verb_object."""
