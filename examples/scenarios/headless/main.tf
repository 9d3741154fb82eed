# A Wix Headless project: the OAuth app's client ID and secret mint a token
# without any instance ID.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "headless_client_id" {
  type = string
}

# Never stored in a saved plan or the state.
variable "headless_client_secret" {
  type      = string
  ephemeral = true
}

# No instance_id here, and WIX_INSTANCE_ID unset: the request carries none.
provider "wix" {
  client_id     = var.headless_client_id
  client_secret = var.headless_client_secret
}

ephemeral "wix_access_token" "headless" {}
