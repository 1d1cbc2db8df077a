#!/usr/bin/python3
# Mock of ansible.windows.win_copy (content: form) for the zonegen tests. Like the real module
# (win_copy.ps1: -supports_check_mode $true) it supports check mode: it then reports the
# change and writes nothing.
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(content=dict(type='str', required=True),
                                              dest=dict(type='path', required=True)),
                           supports_check_mode=True)
    data = module.params['content'].encode('utf-8')
    dest = module.params['dest']
    try:
        with open(dest, 'rb') as f:
            old = f.read()
    except FileNotFoundError:
        old = None
    changed = old != data
    if changed and not module.check_mode:
        with open(dest, 'wb') as f:
            f.write(data)
    module.exit_json(changed=changed, dest=dest)


if __name__ == '__main__':
    main()
