#!/usr/bin/env python3
"""boto3's side of the AWS cross-check: reads what the Swift backend wrote
and writes what the Swift backend must read, against an AWS-compatible
endpoint (moto in the tests). Prints JSON on stdout.

Usage: boto3-crosscheck.py ENDPOINT COMMAND ARGS...
  sqs-receive QUEUE_URL COUNT      receive (and delete) up to COUNT messages; print their bodies
  sqs-send QUEUE_URL BODY...       send each BODY
  ddb-get TABLE JOB_ID             print the item as plain JSON (numbers as strings)
  ddb-put TABLE ITEM_JSON          put an item given in DynamoDB JSON ({"job_id": {"S": ...}, ...})
"""
import json
import sys

import boto3


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


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
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
