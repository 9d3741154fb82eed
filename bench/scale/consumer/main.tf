# Consumes ephemeral tokens without storing them: the ephemeral output's
# precondition needs every token's value during plan.

variable "tokens" {
  type      = map(string)
  ephemeral = true
  sensitive = true
}

output "ready" {
  ephemeral = true
  value     = length(var.tokens)
  precondition {
    condition     = alltrue([for t in values(var.tokens) : length(t) > 0])
    error_message = "A wix_access_token came back empty."
  }
}
