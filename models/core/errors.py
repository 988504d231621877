class DomainError(Exception):
    """A refusal a clerk can read: the message is Chinese and needs no traceback."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
