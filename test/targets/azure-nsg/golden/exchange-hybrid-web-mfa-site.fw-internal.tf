# flowmatrix: site exchange-hybrid-web-mfa-example, firewall fw-internal (Azure NSG). Generated: change the catalog or the site, not this file.
# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,
# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound
# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_network_security_group" "fw-internal" {
  name                = "flowmatrix-exchange-hybrid-web-mfa-example-fw-internal"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_user-to-exchange-online_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-user-to-exchange-online-in-tcp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.64.0/18"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/user-to-exchange-online + exchange-hybrid-web-mfa/user-to-entra-id: The browser opens https://outlook.office.com/owa"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_user-to-exchange-online_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-user-to-exchange-online-out-tcp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.64.0/18"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/user-to-exchange-online + exchange-hybrid-web-mfa/user-to-entra-id: The browser opens https://outlook.office.com/owa"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_wap-to-exchange-onprem_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-wap-to-exchange-onprem-in-tcp-v4"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["198.51.100.11", "198.51.100.12"]
  destination_address_prefixes = ["10.40.1.51", "10.40.1.52"]
  description                  = "exchange-hybrid-web-mfa/wap-to-exchange-onprem ref Flux de l’utilisateur d’Exchange local, étapes 1 et 6: Relaying the authenticated web ses"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_wap-to-exchange-onprem_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-wap-to-exchange-onprem-out-tcp-v4"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["198.51.100.11", "198.51.100.12"]
  destination_address_prefixes = ["10.40.1.51", "10.40.1.52"]
  description                  = "exchange-hybrid-web-mfa/wap-to-exchange-onprem ref Flux de l’utilisateur d’Exchange local, étapes 1 et 6: Relaying the authenticated web ses"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_wap-to-adfs_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-wap-to-adfs-in-tcp-v4"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["198.51.100.11", "198.51.100.12"]
  destination_address_prefixes = ["10.40.1.41", "10.40.1.42"]
  description                  = "exchange-hybrid-web-mfa/wap-to-adfs ref Flux de l’utilisateur d’Exchange local, étape 2 ; Composants (Proxy d’application web): AD FS proxy"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_wap-to-adfs_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-wap-to-adfs-out-tcp-v4"
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["198.51.100.11", "198.51.100.12"]
  destination_address_prefixes = ["10.40.1.41", "10.40.1.42"]
  description                  = "exchange-hybrid-web-mfa/wap-to-adfs ref Flux de l’utilisateur d’Exchange local, étape 2 ; Composants (Proxy d’application web): AD FS proxy"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_adfs-to-entra-mfa_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-adfs-to-entra-mfa-in-tcp-v4"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.41", "10.40.1.42"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/adfs-to-entra-mfa ref Flux de l’utilisateur d’Exchange local, étape 4 leg 1/2: AD FS calls Microsoft Entra multifact"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_adfs-to-entra-mfa_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-adfs-to-entra-mfa-out-tcp-v4"
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.41", "10.40.1.42"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/adfs-to-entra-mfa ref Flux de l’utilisateur d’Exchange local, étape 4 leg 1/2: AD FS calls Microsoft Entra multifact"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_entra-connect-to-entra-id_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-entra-connect-to-entra-id-in-tcp-v4"
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.60"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/entra-connect-to-entra-id ref Remarques générales, point 3 leg 1/2: Synchronising accounts to the cloud"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_entra-connect-to-entra-id_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-entra-connect-to-entra-id-out-tcp-v4"
  priority                     = 140
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.60"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/entra-connect-to-entra-id ref Remarques générales, point 3 leg 1/2: Synchronising accounts to the cloud"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_exchange-onprem-to-entra-id_in_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-exchange-onprem-to-entra-id-in-tcp-v4"
  priority                     = 150
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.51", "10.40.1.52"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/exchange-onprem-to-entra-id ref Composants (Microsoft Entra ID, Exchange Server) leg 1/2: Reading the authorization"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-hybrid-web-mfa_exchange-onprem-to-entra-id_out_tcp_v4" {
  name                         = "exchange-hybrid-web-mfa-exchange-onprem-to-entra-id-out-tcp-v4"
  priority                     = 150
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["8080"]
  source_address_prefixes      = ["10.40.1.51", "10.40.1.52"]
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "exchange-hybrid-web-mfa/exchange-onprem-to-entra-id ref Composants (Microsoft Entra ID, Exchange Server) leg 1/2: Reading the authorization"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_in" {
  name                        = "flowmatrix-deny-in"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_out" {
  name                        = "flowmatrix-deny-out"
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-internal.name
}
