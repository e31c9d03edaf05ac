"""The JSON Schemas (the contract), shipped inside camket as `camket.schemas`."""
