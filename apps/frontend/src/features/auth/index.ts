export { LoginPage } from './components/login-page';
export { RegisterPage } from './components/register-page';
export { useMe } from './api/get-me';
export { useLogout } from './api/logout';
