"""The API room: FastAPI app with GraphQL for people and REST intake for partners."""
