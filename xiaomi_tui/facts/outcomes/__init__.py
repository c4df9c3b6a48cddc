"""What happened next: which claims are forecasts, each one's verdict against the later reports, the scorecard."""
