# A configuration that leaks on purpose, so that the leak check can be seen
# to fire: the App secret in a plain (not ephemeral) variable, which a saved
# plan keeps, and with a token in a resource, which the state keeps; the
# secret also in an output, which the CLI prints.
variable "leaked_secret" {
  type = string
}

variable "leaked_token" {
  type      = string
  sensitive = true
}

resource "terraform_data" "leak" {
  input = {
    secret = var.leaked_secret
    token  = var.leaked_token
  }
}

output "leaked_secret" {
  value = var.leaked_secret
}

# The token too, printed by the CLI.
output "leaked_token" {
  value = nonsensitive(var.leaked_token)
}
