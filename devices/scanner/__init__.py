"""Scanners: serial framing, keyboard-wedge bursts, the serial reader and what a scan is."""
