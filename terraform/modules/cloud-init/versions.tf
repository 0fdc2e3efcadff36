terraform {
  # Built-in functions only: this module needs no provider.
  required_version = ">= 1.10.0"
}
