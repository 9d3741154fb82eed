# The scale benchmark of bench/main.go (make bench): n wix_access_token
# instances with for_each, either data sources or ephemeral resources, each
# for its own app instance of the fake Wix server (started with
# -instances >= n), or, for the floor, all for one instance, so that the
# provider's token reuse can serve every key with a single request.
#
# The wix provider reads WIX_API_URL, WIX_CLIENT_ID, WIX_CLIENT_SECRET (and
# WIX_TOKEN_REUSE, when set) from the environment.

terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source = "wixtf/wix"
    }
  }
}

variable "n" {
  description = "How many wix_access_token instances (for_each keys)."
  type        = number
  validation {
    condition     = var.n >= 1 && floor(var.n) == var.n
    error_message = "n must be a whole number >= 1."
  }
}

variable "kind" {
  description = "\"data\" for the data source, \"ephemeral\" for the ephemeral resource."
  type        = string
  validation {
    condition     = contains(["data", "ephemeral"], var.kind)
    error_message = "kind must be \"data\" or \"ephemeral\"."
  }
}

variable "same_instance" {
  description = "The floor: every key mints a token for the same (first generated) instance."
  type        = bool
  default     = false
}

locals {
  # Keys site-00001 ... ; values are wixfake.GeneratedInstanceID(i):
  # cccccccc-0000-4000-8000-<i as 12 digits>.
  instances = {
    for i in range(1, var.n + 1) :
    format("site-%05d", i) => format("cccccccc-0000-4000-8000-%012d", var.same_instance ? 1 : i)
  }
}

provider "wix" {}

data "wix_access_token" "site" {
  for_each    = var.kind == "data" ? local.instances : {}
  instance_id = each.value
}

ephemeral "wix_access_token" "site" {
  for_each    = var.kind == "ephemeral" ? local.instances : {}
  instance_id = each.value
}

# Every ephemeral token goes to a child module whose ephemeral output checks
# it, so Terraform has to open every instance during plan; nothing of the
# token is stored. (The fake's token_requests counter confirms the opens.)
module "consumer" {
  source = "./consumer"
  tokens = { for k, t in ephemeral.wix_access_token.site : k => t.access_token }
}

output "data_source_tokens" {
  description = "How many data source tokens were read (none of the tokens themselves)."
  value       = length([for t in data.wix_access_token.site : t.expires_at])
}
