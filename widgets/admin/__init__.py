"""Admin screens behind the PIN: devices, integration, offline policy, queue, printer status."""
