terraform {
  # Built-in functions only: this module needs no provider.
  required_version = ">= 1.7.0"
}
