"""Registering a new member at the till: the Qt-free steps and the screen that binds the dialog."""
