output "server_id" {
  description = "EC2 instance id."
  value       = aws_instance.this.id
}

output "ipv4_address" {
  description = "Public IPv4 address (changes if the instance is stopped and started; no Elastic IP)."
  value       = aws_instance.this.public_ip
}

output "ami_id" {
  description = "AMI the instance runs."
  value       = data.aws_ami.ubuntu.id
}

output "ami_name" {
  description = "Name of that AMI."
  value       = data.aws_ami.ubuntu.name
}

output "tags" {
  description = "Tags as applied (sanitized)."
  value       = local.tags
}
