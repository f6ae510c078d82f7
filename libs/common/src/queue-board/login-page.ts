/**
 * The board's sign-in page: staff log in at routing's own login API (same origin), and the token
 * is exchanged at once for the board's short-lived HttpOnly cookie; no script keeps it.
 */
export function loginPage(boardRoute: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>队列监控 Queue board · xinfang</title>
<style>
  body { font-family: system-ui, "WenQuanYi Micro Hei", sans-serif; background: #f4f5f7; margin: 0; }
  form { max-width: 22rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 4px rgba(0,0,0,.15); display: grid; gap: .8rem; }
  h1 { font-size: 1.2rem; margin: 0 0 .5rem; }
  input, button { font: inherit; padding: .5rem; }
  button { background: #1f6feb; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  #error { color: #b42318; min-height: 1.2em; margin: 0; }
</style>
</head>
<body>
<form id="login">
  <h1>信访队列监控 · Queue board</h1>
  <label>用户名 Username <input name="username" autocomplete="username" required></label>
  <label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">登录 Sign in</button>
  <p id="error" role="alert"></p>
  <small>管理员可重试、清理失败任务；督查人员只读。Admins may retry and clean failed jobs; supervisors read only.</small>
</form>
<script>
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const error = document.getElementById('error');
  error.textContent = '';
  const login = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  if (!login.ok) {
    // Wrong credentials, a lockout (429) or a one-time password to change first: as the API says.
    const refusal = await login.json().catch(() => ({}));
    error.textContent = refusal.messages
      ? refusal.messages.zh + ' ' + refusal.messages.en
      : '用户名或密码错误 Wrong username or password';
    return;
  }
  const { accessToken } = await login.json();
  const session = await fetch('${boardRoute}/session', {
    method: 'POST', headers: { authorization: 'Bearer ' + accessToken },
  });
  if (!session.ok) { error.textContent = '无权查看队列 Admins and supervisors only'; return; }
  location.assign('${boardRoute}');
});
</script>
</body>
</html>`;
}
