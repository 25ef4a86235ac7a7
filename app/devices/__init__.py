"""The till's scanner and receipt printer: controller, set-up screen, texts, the keyboard-wedge filter."""
