"""The sandbox's administration and support commands besides serving (`till-loyalty sandbox <command>`)."""
