"""Offline eval suite of the compliance gate (labelled drafts, block precision/recall)."""
