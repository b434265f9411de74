# flowmatrix: site m365-hybrid-example, firewall fw-edge (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "adfs-server_adfs01" {
  name        = "flowmatrix-m365-hybrid-example-fw-edge-adfs-server_adfs01"
  description = "flowmatrix role adfs-server bound to adfs01 (site m365-hybrid-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-m365-hybrid-example-fw-edge-adfs-server_adfs01", flowmatrix_role = "adfs-server" }
}

resource "aws_security_group" "adfs-proxy_wap01" {
  name        = "flowmatrix-m365-hybrid-example-fw-edge-adfs-proxy_wap01"
  description = "flowmatrix role adfs-proxy bound to wap01 (site m365-hybrid-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-m365-hybrid-example-fw-edge-adfs-proxy_wap01", flowmatrix_role = "adfs-proxy" }
}

resource "aws_security_group" "ews-mrs-proxy_exch01-mrs" {
  name        = "flowmatrix-m365-hybrid-example-fw-edge-ews-mrs-proxy_exch01-mrs"
  description = "flowmatrix role ews-mrs-proxy bound to exch01-mrs (site m365-hybrid-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-m365-hybrid-example-fw-edge-ews-mrs-proxy_exch01-mrs", flowmatrix_role = "ews-mrs-proxy" }
}

resource "aws_security_group" "exchange-onprem_exch01" {
  name        = "flowmatrix-m365-hybrid-example-fw-edge-exchange-onprem_exch01"
  description = "flowmatrix role exchange-onprem bound to exch01 (site m365-hybrid-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-m365-hybrid-example-fw-edge-exchange-onprem_exch01", flowmatrix_role = "exchange-onprem" }
}

resource "aws_security_group" "graph-webhook-receiver_hooks01" {
  name        = "flowmatrix-m365-hybrid-example-fw-edge-graph-webhook-receiver_hooks01"
  description = "flowmatrix role graph-webhook-receiver bound to hooks01 (site m365-hybrid-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-m365-hybrid-example-fw-edge-graph-webhook-receiver_hooks01", flowmatrix_role = "graph-webhook-receiver" }
}

resource "aws_vpc_security_group_ingress_rule" "adfs-server_adfs01_in_tcp_80" {
  security_group_id = aws_security_group.adfs-server_adfs01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-server_adfs01_in_tcp_443" {
  security_group_id = aws_security_group.adfs-server_adfs01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_80" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_443" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_80_09p1zr8" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_443_1mwk5r0" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_49443" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/sts-clienttls ref row 4b"
  ip_protocol       = "tcp"
  from_port         = 49443
  to_port           = 49443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "adfs-proxy_wap01_in_tcp_49443_1uxe3cs" {
  security_group_id = aws_security_group.adfs-proxy_wap01.id
  description       = "m365-additional-endpoints/sts-clienttls ref row 4b"
  ip_protocol       = "tcp"
  from_port         = 49443
  to_port           = 49443
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "ews-mrs-proxy_exch01-mrs_in_tcp_443" {
  security_group_id = aws_security_group.ews-mrs-proxy_exch01-mrs.id
  description       = "m365-additional-endpoints/mailbox-migration-ews-mrs ref row 6"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "exchange-onprem_exch01_in_tcp_443" {
  security_group_id = aws_security_group.exchange-onprem_exch01.id
  description       = "m365-additional-endpoints/autodetect-to-exchange ref row 10"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.125.128.0/20"
}

resource "aws_vpc_security_group_ingress_rule" "exchange-onprem_exch01_in_tcp_443_1jrmwcp" {
  security_group_id = aws_security_group.exchange-onprem_exch01.id
  description       = "m365-additional-endpoints/autodetect-to-exchange ref row 10"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.127.96.0/23"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "13.78.204.0/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0iqlumy" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "13.87.81.35/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1bfhwlo" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "13.87.81.123/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0egtev3" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "13.87.81.133/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1kc2elw" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "13.87.81.141/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_00s3y3y" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.9.35.166/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1nf5z2n" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.9.36.45/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_09gaigz" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.9.36.128/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_093fas7" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.9.37.73/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0tp3e1q" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.9.37.76/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1vi5res" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.20.32.0/19"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_07lnce3" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.25.189.138/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0an842a" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.44.210.83/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1616uny" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.44.210.146/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1aqhnw3" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.48.11.201/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_06shei7" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.48.12.75/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0l8wsv5" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.48.14.35/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0v09uje" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.48.15.147/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0062gmk" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.69.245.215/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_02wxbpy" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.89.108.161/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1sai885" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.89.240.165/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1clavw4" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.90.99.1/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0qxz7ii" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.91.208.88/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1hd6m6r" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.91.209.147/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0039upz" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.91.212.136/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_01of9uh" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.91.212.211/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1cva8x6" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.91.213.57/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_13xwxz9" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.96.21.67/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_03acof7" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.96.21.98/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1xzx2n5" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.96.21.115/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1phn21x" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.98.68.57/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1n7ey6e" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.98.68.182/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1cr7g8z" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.98.68.200/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0lo1hy8" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.98.68.203/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0ocp4w8" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.98.68.218/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1sh5l0g" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.111.9.46/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_136zz7c" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.111.9.77/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_057tqg2" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.127.53.125/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1ukr9dw" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.171.81.121/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_16zeis9" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.171.82.192/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_152gdzv" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.171.83.146/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0lkx19t" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.171.83.157/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1wybl7n" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.190.128.0/18"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_11tp63a" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.199.102.73/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0n8sw8r" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.199.102.157/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0wvm8pp" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.212.153.162/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_129vsmq" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.216.150.67/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_19cw66b" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.223.139.245/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0lmq9v8" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.231.128.0/19"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1qc78zl" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "20.253.156.113/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_10o4ibg" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.76.162.42/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1q0tegc" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.76.162.99/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1o21byl" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.80.232.118/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_13d9xbg" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.80.232.177/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1x1z5w7" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.80.233.14/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1lgyr8o" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.80.239.196/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_13qyfah" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "40.126.0.0/18"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_073m24g" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.104.159.181/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_10czmy2" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.104.159.213/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_06ax6m0" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.124.73.177/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_18jupm2" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.124.75.43/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1t77tgw" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.138.90.7/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_06giut2" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "51.138.90.52/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0stqqj5" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.142.114.29/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0ztgkn1" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.142.115.31/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0vasy4l" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.147.213.181/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1fpqgi1" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.147.213.251/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_12eke0e" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.148.24.136/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1gbr89j" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.148.27.39/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1p1pfpl" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.148.114.238/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_09t19cj" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.148.115.48/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1pfdf1i" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.17.84/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0s4gawe" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.23.209/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1n14uui" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.102.72/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1dksjis" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.107.4/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1hdofwd" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.107.50/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0fvlozh" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.109.205/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1n4bpy3" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.159.124.33/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_087y4dd" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "52.231.196.24/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0dem40g" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "70.37.90.219/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0b9qetp" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "70.37.92.195/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1n84mjw" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "70.37.93.191/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_181wtgv" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "70.37.95.11/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0dntw6s" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "70.37.95.92/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1bsxhin" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.40.209.182/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0nk9u40" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.46.117.15/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0wl0vcn" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.215.6.169/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1uuv58j" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.215.12.254/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0n2f646" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.215.13.23/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_1m9dluc" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "104.215.18.55/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0pzeu88" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "137.135.11.116/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0piwioe" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "137.135.11.161/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_0s6yimm" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "137.135.11.222/32"
}

resource "aws_vpc_security_group_ingress_rule" "graph-webhook-receiver_hooks01_in_tcp_443_08go44d" {
  security_group_id = aws_security_group.graph-webhook-receiver_hooks01.id
  description       = "m365-additional-endpoints/graph-change-notifications ref row 23"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "137.135.11.250/32"
}

output "flowmatrix_security_groups" {
  value = { "adfs-server_adfs01" = aws_security_group.adfs-server_adfs01.id, "adfs-proxy_wap01" = aws_security_group.adfs-proxy_wap01.id, "ews-mrs-proxy_exch01-mrs" = aws_security_group.ews-mrs-proxy_exch01-mrs.id, "exchange-onprem_exch01" = aws_security_group.exchange-onprem_exch01.id, "graph-webhook-receiver_hooks01" = aws_security_group.graph-webhook-receiver_hooks01.id }
}
