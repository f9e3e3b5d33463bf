"""The worker's wire: newline-delimited JSON requests and replies on stdin/stdout, dispatch, errors."""
