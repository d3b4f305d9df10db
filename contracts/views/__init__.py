"""The screens of social contracts, one module per topic: ``page`` (a participant's contract
page and the changes posted from it), ``screens`` (signing a new contract, correcting one),
``prints`` (the contract and its annexes to print and sign) and ``due`` (contracts whose review
or end is near); ``lookups`` finds a contract or a participation in the user's scope."""
