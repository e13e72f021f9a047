"""Qt table models over storage's list queries and over an import plan."""
