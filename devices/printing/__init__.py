"""Receipt printers: ESC/POS layout, code pages, transports within a deadline, and status."""
