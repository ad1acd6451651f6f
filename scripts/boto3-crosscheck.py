#!/usr/bin/env python3
"""boto3's side of the AWS cross-check: reads what the Swift backend wrote
and writes what the Swift backend must read, against an AWS-compatible
endpoint (moto in the tests). Prints JSON on stdout.

Usage: boto3-crosscheck.py ENDPOINT COMMAND ARGS...
  sqs-receive QUEUE_URL COUNT      receive (and delete) up to COUNT messages; print their bodies
  sqs-send QUEUE_URL BODY...       send each BODY
  ddb-get TABLE JOB_ID             print the item as plain JSON (numbers as strings)
  ddb-put TABLE ITEM_JSON          put an item given in DynamoDB JSON ({"job_id": {"S": ...}, ...})
  sdb-get DOMAIN ITEM               print the item's attributes
  sdb-put DOMAIN ITEM JSON          put the attributes of a JSON object (Replace=true)
  ec2-describe FLEET               print the fleet's instances: id, state, tags, HttpTokens, user data
  ec2-launch FLEET                 launch one instance tagged nommer:fleet=FLEET; print its id
"""
import json
import sys

import boto3
from botocore.config import Config


def client(service, endpoint):
    # moto's server reads a SigV2 (SimpleDB) request's region from the User-Agent's end.
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing",
                        config=Config(user_agent_extra="region/us-east-1"))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    endpoint, command, args = argv[1], argv[2], argv[3:]
    if command == "sqs-receive":
        sqs = client("sqs", endpoint)
        url, count = args[0], int(args[1])
        bodies = []
        while len(bodies) < count:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=min(10, count - len(bodies)), WaitTimeSeconds=1)
            messages = got.get("Messages", [])
            if not messages:
                break
            for message in messages:
                bodies.append(message["Body"])
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        print(json.dumps(sorted(bodies)))
    elif command == "sqs-send":
        sqs = client("sqs", endpoint)
        for body in args[1:]:
            sqs.send_message(QueueUrl=args[0], MessageBody=body)
        print(json.dumps({"sent": len(args) - 1}))
    elif command == "ddb-get":
        ddb = client("dynamodb", endpoint)
        item = ddb.get_item(TableName=args[0], Key={"job_id": {"S": args[1]}}, ConsistentRead=True).get("Item")
        plain = None if item is None else {k: next(iter(v.values())) for k, v in item.items()}
        print(json.dumps(plain, sort_keys=True))
    elif command == "ddb-put":
        ddb = client("dynamodb", endpoint)
        ddb.put_item(TableName=args[0], Item=json.loads(args[1]))
        print(json.dumps({"put": 1}))
    elif command == "sdb-get":
        sdb = client("sdb", endpoint)
        got = sdb.get_attributes(DomainName=args[0], ItemName=args[1], ConsistentRead=True)
        print(json.dumps({a["Name"]: a["Value"] for a in got.get("Attributes", [])}, sort_keys=True))
    elif command == "sdb-put":
        sdb = client("sdb", endpoint)
        attributes = [{"Name": k, "Value": v, "Replace": True} for k, v in json.loads(args[2]).items()]
        sdb.put_attributes(DomainName=args[0], ItemName=args[1], Attributes=attributes)
        print(json.dumps({"put": 1}))
    elif command == "ec2-describe":
        ec2 = client("ec2", endpoint)
        found = []
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[{"Name": "tag:nommer:fleet", "Values": [args[0]]}])
        for page in pages:
            for reservation in page["Reservations"]:
                for instance in reservation["Instances"]:
                    attribute = ec2.describe_instance_attribute(InstanceId=instance["InstanceId"], Attribute="userData")
                    found.append({
                        "id": instance["InstanceId"],
                        "state": instance["State"]["Name"],
                        "tags": {t["Key"]: t["Value"] for t in instance.get("Tags", [])},
                        "http_tokens": instance.get("MetadataOptions", {}).get("HttpTokens"),
                        "user_data": attribute.get("UserData", {}).get("Value"),
                    })
        print(json.dumps(sorted(found, key=lambda i: i["id"])))
    elif command == "ec2-launch":
        ec2 = client("ec2", endpoint)
        got = ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                TagSpecifications=[{"ResourceType": "instance",
                                                    "Tags": [{"Key": "nommer:fleet", "Value": args[0]}]}])
        print(json.dumps(got["Instances"][0]["InstanceId"]))
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
