"""Who wrote a file: the installation's key pair, signatures over packages and PDFs, trust on first use."""
