terraform {
  required_version = ">= 1.10" # ephemeral variables; OpenTofu 1.11
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "wix_client_id" {
  description = "The App ID from the app's OAuth page in the Wix Dev Center."
  type        = string
}

# ephemeral: Terraform keeps the App secret out of saved plan files and state.
# sensitive alone only hides it from the CLI's output.
variable "wix_client_secret" {
  description = "The App secret from the same page."
  type        = string
  ephemeral   = true
}

variable "wix_instance_id" {
  description = "The app instance (installation on a site) to mint tokens for."
  type        = string
}

# Every setting is optional: leave the block empty and set WIX_CLIENT_ID,
# WIX_CLIENT_SECRET and WIX_INSTANCE_ID instead (on Terraform before 1.10,
# which has no ephemeral variables, pass the secret that way). A value set
# here always wins over the environment.
provider "wix" {
  client_id     = var.wix_client_id
  client_secret = var.wix_client_secret
  instance_id   = var.wix_instance_id
}
