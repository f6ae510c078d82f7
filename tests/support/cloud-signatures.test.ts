import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acs3Headers, percentEncode, tc3Authorization } from './cloud-signatures.js';

describe('cloud SMS request signatures', () => {
  it('signs the worked example of Alibaba Cloud signature V3 to the published value', () => {
    // help.aliyun.com, "V3版本请求体&签名机制": RunInstances with two query parameters.
    const headers = acs3Headers({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      query: {
        RegionId: 'cn-shanghai',
        ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
      },
      body: '',
      action: 'RunInstances',
      version: '2014-05-26',
      date: '2023-10-26T10:22:32Z',
      nonce: '3156853299f313e23d1673dc12e1703d',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
    });
    assert.equal(
      headers.authorization,
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,' +
        'SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    assert.equal(
      headers['x-acs-content-sha256'],
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('signs the worked example of Tencent Cloud TC3-HMAC-SHA256 to the published value', () => {
    // cloud.tencent.com, "签名方法 v3": DescribeInstances, timestamp 1551113065.
    const authorization = tc3Authorization({
      host: 'cvm.tencentcloudapi.com',
      service: 'cvm',
      contentType: 'application/json; charset=utf-8',
      payload:
        '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
      secretId: 'AKID**********************0123456789EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    });
    assert.equal(
      authorization,
      'TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('percent-encodes as RFC 3986 wants, not as encodeURIComponent does', () => {
    assert.equal(percentEncode("a b*~!'()"), 'a%20b%2A~%21%27%28%29');
    assert.equal(percentEncode('信访'), '%E4%BF%A1%E8%AE%BF');
  });
});
