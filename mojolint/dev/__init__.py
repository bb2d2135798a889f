"""Developer tools: corpus parsing, snapshot updates."""
