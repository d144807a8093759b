"""Tests of the api room: GraphQL, partner intake over HTTP, auth, masking, serving."""
