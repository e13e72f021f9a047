"""District-to-city exchange without a network: the 报送包 file."""
