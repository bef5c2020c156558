"""Commands that live in their own modules (imported only when they run)."""
