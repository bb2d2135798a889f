"""Tests that run the real Mojo compiler (marker ``compiler``)."""
