"""Trace matching: the comparison of an observed trace with the expected one."""
