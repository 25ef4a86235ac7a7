"""The return of goods at the panel: the dialog and the sale's lines to tick."""
