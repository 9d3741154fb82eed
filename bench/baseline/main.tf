# The "Terraform alone" reference of bench/main.go (make bench): n
# terraform_data resources with for_each, planned from an empty state, with
# no provider plugin at all.

terraform {
  required_version = ">= 1.4"
}

variable "n" {
  description = "How many terraform_data instances (for_each keys)."
  type        = number
}

resource "terraform_data" "site" {
  for_each = toset([for i in range(1, var.n + 1) : format("site-%05d", i)])
  input    = each.key
}
