"""The shift summary's screen: the loyalty figures of the till's shift."""
