"""Civil aviation (民航): a reporting sector ahead of its inclusion in the national market."""
