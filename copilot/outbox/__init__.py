"""The outbox: approved messages, with their evidence, for the CRM or e-mail platform to send.

Nothing in this product sends mail; an approved customer message lands here once.
"""
