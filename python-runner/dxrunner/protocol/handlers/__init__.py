"""One module per group of operations; each handler takes (request, worker) and returns the result."""
