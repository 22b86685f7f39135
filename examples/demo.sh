#!/bin/sh
# Prints what a careless build script might: a few secrets among ordinary lines.
echo "Deploying build 4f2c1e9 to staging"
echo "export AWS_ACCESS_KEY_ID=AKIAZ3MSJV4WWNKWW5FG"
echo "git remote: https://deploy:s3cr3t-Pa55@git.example.com/app.git"
echo "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'"
echo '{"user": "bob", "password": "correct horse battery staple"}'
echo "password reset email sent to bob"
echo "done" >&2
