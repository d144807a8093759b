"""What several test modules share: clients, hand-built worlds, a loopback OIDC provider."""
